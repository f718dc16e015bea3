#!/usr/bin/env python3
"""Baseline for the relay's drain benchmark: librdkafka (Python confluent-kafka) producing prepared messages.

Usage: librdkafka_producer.py BROKERS TOPIC MESSAGES_FILE MODE [PER_TRANSACTION]
  MODE transactional: one transactional producer, PER_TRANSACTION messages per Kafka transaction
  MODE idempotent:    one idempotent producer (acks=all), no transactions
MESSAGES_FILE: repeated records of u32 key length, key, u32 value length, value, u32 header count, then per header
u32 name length, name, u32 value length, value (big-endian). Prints one JSON line: messages, seconds (from the
producer's creation to the last commit or delivery), cpuSeconds (this process, all threads, over the same span).
"""
import json
import struct
import sys
import time
import uuid

from confluent_kafka import Producer

brokers, topic, path, mode = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
per_tx = int(sys.argv[5]) if len(sys.argv) > 5 else 1000


def read_messages(file_path):
    with open(file_path, "rb") as f:
        data = f.read()
    out = []
    i = 0

    def take():
        nonlocal i
        (n,) = struct.unpack_from(">I", data, i)
        i += 4
        chunk = data[i : i + n]
        i += n
        return chunk

    while i < len(data):
        key = take()
        value = take()
        (count,) = struct.unpack_from(">I", data, i)
        i += 4
        headers = [(take().decode(), take()) for _ in range(count)]
        out.append((key, value, headers))
    return out


messages = read_messages(path)
config = {
    "bootstrap.servers": brokers,
    "enable.idempotence": True,
    "acks": "all",
    "linger.ms": 5,
}
if mode == "transactional":
    config["transactional.id"] = f"bench-librdkafka-{uuid.uuid4().hex[:8]}"

failures = []


def on_delivery(err, _msg):
    if err is not None:
        failures.append(str(err))


cpu_start = time.process_time()
started = time.perf_counter()
producer = Producer(config)
if mode == "transactional":
    producer.init_transactions(30)
    for start in range(0, len(messages), per_tx):
        producer.begin_transaction()
        for key, value, headers in messages[start : start + per_tx]:
            while True:
                try:
                    producer.produce(topic, value=value, key=key, headers=headers, on_delivery=on_delivery)
                    break
                except BufferError:
                    producer.poll(0.01)
            producer.poll(0)
        producer.commit_transaction(60)
else:
    for key, value, headers in messages:
        while True:
            try:
                producer.produce(topic, value=value, key=key, headers=headers, on_delivery=on_delivery)
                break
            except BufferError:
                producer.poll(0.01)
        producer.poll(0)
    remaining = producer.flush(60)
    if remaining:
        failures.append(f"{remaining} messages not delivered")
seconds = time.perf_counter() - started
cpu = time.process_time() - cpu_start
if failures:
    print(f"delivery failed: {failures[:3]}", file=sys.stderr)
    sys.exit(1)
print(json.dumps({"messages": len(messages), "seconds": seconds, "cpuSeconds": cpu}))
