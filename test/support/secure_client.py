#!/usr/bin/env python3
"""Independent client (librdkafka via confluent-kafka) for the checks of the secured listener.

Prints one JSON object: what the client saw, including the librdkafka error names (KafkaError.name(), e.g.
TOPIC_AUTHORIZATION_FAILED, _AUTHENTICATION, _SSL). CONFIG is a JSON object of librdkafka properties
(bootstrap.servers, security.protocol, sasl.*, ssl.*).

Usage:
  secure_client.py connect CONFIG             until metadata answers or an error is reported
  secure_client.py produce CONFIG TOPIC N     N messages (key kI, value vI), delivery reports
  secure_client.py consume CONFIG TOPIC N     N messages from the beginning (group.id in CONFIG)
"""
import json
import sys
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer

DEADLINE = time.time() + 60
action, config = sys.argv[1], json.loads(sys.argv[2])
errors = []  # names, each once, in the order seen
reasons = []  # their first messages, for the test's failure output


def record(error):
    # All brokers down follows every failed connection; the cause is reported beside it.
    if error.code() == KafkaError._ALL_BROKERS_DOWN or error.name() in errors:
        return
    errors.append(error.name())
    reasons.append(error.str())


config["error_cb"] = record
config.setdefault("log_level", 2)  # the errors are in the output; no log line per reconnect on stderr
out = {}

if action == "connect":
    producer = Producer(config)
    out["connected"] = False
    while not errors and time.time() < DEADLINE:
        producer.poll(0.1)
        try:
            producer.list_topics(timeout=0.5)
            out["connected"] = True
            break
        except KafkaException:
            continue
    producer.poll(0)
elif action == "produce":
    topic, count = sys.argv[3], int(sys.argv[4])
    producer = Producer(config)
    delivered, failed = [], []

    def on_delivery(error, message):
        if error is None:
            delivered.append(message.value().decode())
        else:
            failed.append(error.name())
            record(error)

    for i in range(count):
        producer.produce(topic, key=f"k{i}", value=f"v{i}", on_delivery=on_delivery)
    while len(delivered) + len(failed) < count and time.time() < DEADLINE:
        producer.poll(0.1)
    out.update(delivered=delivered, failed=failed)
elif action == "consume":
    topic, count = sys.argv[3], int(sys.argv[4])
    consumer = Consumer({**config, "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    values = []
    while len(values) < count and not errors and time.time() < DEADLINE:
        try:
            message = consumer.poll(0.5)
        except KafkaException as exception:
            record(exception.args[0])
            break
        if message is None:
            continue
        if message.error():
            record(message.error())
            break
        values.append(message.value().decode())
    consumer.close()
    out["values"] = values
else:
    print(__doc__, file=sys.stderr)
    sys.exit(2)

out.update(errors=errors, reasons=reasons)
print(json.dumps(out))
