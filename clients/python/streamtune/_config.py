"""Kafka client settings for the SDK: the same --client-config files the Java CLI takes."""

import os
import re

_JAAS = re.compile(r'(\w+)\s*=\s*"([^"]*)"')

# Java settings with no librdkafka equivalent: they name a keystore format librdkafka cannot read.
_JAVA_ONLY = ("ssl.truststore.", "ssl.keystore.", "ssl.key.password")


def read_properties(path):
    """A Java .properties file (key=value or key: value lines, # and ! comments) as a dict."""
    props = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line[0] in "#!":
                continue
            sep = min([i for i in (line.find("="), line.find(":")) if i > 0], default=-1)
            if sep < 0:
                raise ValueError("%s: not a key=value line: %r" % (path, line))
            props[line[:sep].strip()] = line[sep + 1:].strip()
    return props


def librdkafka_settings(client_config):
    """Client settings for confluent-kafka from a dict or a Java client-config file.

    SASL/SCRAM settings written for Java (``sasl.jaas.config`` with ScramLoginModule) become
    librdkafka's ``sasl.username`` and ``sasl.password``. A Java keystore setting is refused with
    its librdkafka replacement named, rather than ignored.
    """
    if client_config is None:
        path = os.environ.get("STREAMTUNE_CLIENT_CONFIG")
        client_config = path if path else {}
    props = dict(read_properties(client_config) if isinstance(client_config, (str, os.PathLike))
                 else client_config)
    jaas = props.pop("sasl.jaas.config", None)
    if jaas is not None:
        fields = dict(_JAAS.findall(jaas))
        if "username" not in fields or "password" not in fields:
            raise ValueError("sasl.jaas.config names no username and password: %r" % jaas)
        props.setdefault("sasl.username", fields["username"])
        props.setdefault("sasl.password", fields["password"])
    for key in props:
        if key.startswith(_JAVA_ONLY):
            raise ValueError(
                "%s is a Java keystore setting; librdkafka takes PEM files: ssl.ca.location, "
                "ssl.certificate.location and ssl.key.location" % key)
    return props
