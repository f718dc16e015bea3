// Interop with an independent implementation, both ways: the official Python client confluent-kafka
// (ProtobufSerializer / ProtobufDeserializer) with classes that protoc generates from our .proto files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomName } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { createWireCodec, decodeFrame, encodeEvent } from '../src/index.ts';
import {
  deleteSubjectsAfter,
  generatePythonClasses,
  python,
  randomCatalog,
  removeAfterAll,
} from './support.ts';

let pydir: string;
beforeAll(async () => {
  pydir = await generatePythonClasses();
});
afterAll(() => removeAfterAll(pydir)());

interface PythonDecoded {
  schemaId: number;
  indexes: number[];
  payload: Record<string, unknown>;
}

describe('interop with confluent-kafka (Python)', () => {
  it('Python decodes what we frame, including a message that is not first in its file', async () => {
    const url = stackEnv().SCHEMA_REGISTRY_URL;
    const catalog = randomCatalog();
    const prefix = `${randomName('ref')}/`;
    const topics = [...new Set(Object.values(catalog.events).map((entry) => entry.topic))];
    deleteSubjectsAfter(url, () => [
      ...topics.map((t) => `${t}-value`),
      `${prefix}commercebridge/common/v1/common.proto`,
    ]);
    const codec = createWireCodec(catalog, {
      mode: 'registry',
      url,
      referenceSubject: (path) => `${prefix}${path}`,
    });

    const placed = encodeEvent(catalog, 'order.placed', {
      orderId: 'o-1',
      customerId: 'c-1',
      items: [{ sku: 'SKU-1', quantity: 2, unitPrice: { currencyCode: 'EUR', amount: '9.99' } }],
    });
    const shipped = encodeEvent(catalog, 'order.shipped', {
      orderId: 'o-1',
      carrier: 'dhl',
      lineItemIds: ['l-1'],
    });
    const log = encodeEvent(catalog, 'log.written', {
      message: 'hi',
      service: 'api',
      level: 3,
      metadata: { a: 'b' },
    });
    const wires = [
      await codec.toWire('order.placed', placed.bytes),
      await codec.toWire('order.shipped', shipped.bytes),
      await codec.toWire('log.written', log.bytes),
    ];
    const decoded = await python<PythonDecoded>(
      ['decode', pydir],
      [
        { message: 'commercebridge.orders.v1.OrderPlaced', value: wires[0]!.value.toString('base64') },
        { message: 'commercebridge.orders.v1.OrderShipped', value: wires[1]!.value.toString('base64') },
        { message: 'commercebridge.logs.v1.LogEntry', value: wires[2]!.value.toString('base64') },
      ],
    );
    expect(decoded[0]).toEqual({
      schemaId: decodeFrame(wires[0]!.value).schemaId,
      indexes: [0],
      payload: {
        orderId: 'o-1',
        customerId: 'c-1',
        items: [{ sku: 'SKU-1', quantity: 2, unitPrice: { currencyCode: 'EUR', amount: '9.99' } }],
      },
    });
    expect(decoded[1]).toEqual({
      schemaId: decodeFrame(wires[1]!.value).schemaId,
      indexes: [3],
      payload: { orderId: 'o-1', carrier: 'dhl', lineItemIds: ['l-1'] },
    });
    expect(decoded[2]?.payload).toEqual({
      message: 'hi',
      service: 'api',
      level: 'LOG_LEVEL_INFO',
      metadata: { a: 'b' },
    });
  });

  it('we decode what Python serializes (its own registration), including a message that is not first', async () => {
    const url = stackEnv().SCHEMA_REGISTRY_URL;
    const catalog = randomCatalog();
    const topic = catalog.events['order.shipped'].topic;
    const prefix = `${randomName('pyref')}/`;
    deleteSubjectsAfter(url, () => [`${topic}-value`, `${prefix}commercebridge/common/v1/common.proto`]);
    const produced = await python<{ value: string }>(
      ['encode', pydir, url, topic, prefix],
      [
        {
          message: 'commercebridge.orders.v1.OrderShipped',
          payload: { orderId: 'o-7', trackingNumber: 'T-7' },
        },
        { message: 'commercebridge.orders.v1.OrderPlaced', payload: { orderId: 'o-8', customerId: 'c-8' } },
        { message: 'commercebridge.orders.v1.OrderConfirmed', payload: { orderId: 'o-9' } },
      ],
    );
    const values = produced.map((entry) => Buffer.from(entry.value, 'base64'));
    expect(decodeFrame(values[0]!).indexes).toEqual([3]);
    expect(decodeFrame(values[1]!).indexes).toEqual([0]);
    expect(decodeFrame(values[2]!).indexes).toEqual([1]);

    // Python registered a base64 FileDescriptorProto, not .proto text: our reader must handle both forms.
    const registered = await fetch(`${url}/subjects/${topic}-value/versions/latest`).then(
      (r) => r.json() as Promise<Record<string, string>>,
    );
    expect(registered.schema).toMatch(/^[A-Za-z0-9+/=]+$/);
    // A reader that registered nothing: it resolves Python's schema id (a base64 FileDescriptorProto) itself.
    const reader = createWireCodec(catalog, { mode: 'registry', url });
    const [first, second, third] = await Promise.all(values.map((value) => reader.fromWire(value, {})));
    expect(first).toMatchObject({
      type: 'order.shipped',
      payload: { orderId: 'o-7', trackingNumber: 'T-7' },
    });
    expect(second).toMatchObject({ type: 'order.placed', payload: { orderId: 'o-8', customerId: 'c-8' } });
    expect(third).toMatchObject({ type: 'order.confirmed', payload: { orderId: 'o-9' } });
  });
});
