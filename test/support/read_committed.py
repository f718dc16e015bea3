#!/usr/bin/env python3
"""Independent read_committed reader (librdkafka via confluent-kafka) used by the tests.

Reads every partition of a topic from the beginning up to its last stable offset and prints one JSON
object per message: partition, offset, timestamp (ms), key, value (base64), headers (name -> base64 value).
Usage: read_committed.py BROKERS TOPIC [TIMEOUT_SECONDS]
"""
import base64
import json
import sys
import time

from confluent_kafka import Consumer, KafkaError, TopicPartition

brokers, topic = sys.argv[1], sys.argv[2]
deadline = time.time() + float(sys.argv[3] if len(sys.argv) > 3 else 60)

consumer = Consumer({
    "bootstrap.servers": brokers,
    "group.id": "read-committed-check",
    "isolation.level": "read_committed",
    "enable.auto.commit": False,
    "enable.partition.eof": True,
    "auto.offset.reset": "earliest",
})
metadata = consumer.list_topics(topic, timeout=10)
if topic not in metadata.topics or metadata.topics[topic].error is not None:
    print(f"topic {topic} not found", file=sys.stderr)
    sys.exit(2)
partitions = sorted(metadata.topics[topic].partitions.keys())
consumer.assign([TopicPartition(topic, p, -2) for p in partitions])  # -2: OFFSET_BEGINNING

pending = set(partitions)
out = sys.stdout
while pending:
    if time.time() > deadline:
        print(f"timed out before the end of partitions {sorted(pending)}", file=sys.stderr)
        sys.exit(3)
    msg = consumer.poll(0.5)
    if msg is None:
        continue
    if msg.error():
        if msg.error().code() == KafkaError._PARTITION_EOF:
            pending.discard(msg.partition())
            continue
        print(f"error: {msg.error()}", file=sys.stderr)
        sys.exit(4)
    headers = {}
    for name, value in msg.headers() or []:
        headers[name] = base64.b64encode(value or b"").decode()
    out.write(json.dumps({
        "partition": msg.partition(),
        "offset": msg.offset(),
        "timestamp": msg.timestamp()[1],
        "key": None if msg.key() is None else msg.key().decode("utf-8", "replace"),
        "value": None if msg.value() is None else base64.b64encode(msg.value()).decode(),
        "headers": headers,
    }) + "\n")
consumer.close()
