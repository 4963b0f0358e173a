"""StreamTune's wire encoding: Avro single-object records and the study partitioner.

Every value on a StreamTune topic is an Avro single-object encoded record (Avro specification,
"Single-object encoding"): the two bytes C3 01, the 8-byte little-endian CRC-64-AVRO fingerprint of
the writer schema's Parsing Canonical Form, then the Avro binary body. The schemas travel with this
package (``streamtune/schemas``, written by ``streamtune schemas --export``); their fingerprints are
computed here and checked against the ones the Java build published, so a stale copy fails at import.
"""

import io
import json
import math
from importlib import resources

import avro.errors
import avro.io
import avro.schema

MARKER = b"\xc3\x01"

# CRC-64-AVRO (Avro specification, "Schema Fingerprints"): the reflected polynomial's table.
_EMPTY = 0xC15D213AA4D7A795
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (_EMPTY & -(_fp & 1))
    _TABLE.append(_fp & 0xFFFFFFFFFFFFFFFF)


def crc64_avro(data: bytes) -> int:
    """The Rabin fingerprint of the Avro specification, as an unsigned 64-bit integer."""
    fp = _EMPTY
    for b in data:
        fp = (fp >> 8) ^ _TABLE[(fp ^ b) & 0xFF]
    return fp


class _DatumWriter(avro.io.DatumWriter):
    """Writes a union value in the branch of its own Python type. The avro library picks the
    last branch that validates, so an int in ["long", "double", "string"] would go out as a double,
    and the suggester, which compares a result's params with its request's, would refuse it."""

    _BRANCHES = {bool: ("boolean",), int: ("long", "int"), float: ("double", "float"),
                 str: ("string",), bytes: ("bytes",), type(None): ("null",)}

    def write_union(self, writers_schema, datum, encoder):
        wanted = self._BRANCHES.get(type(datum), ())
        index = next((i for i, s in enumerate(writers_schema.schemas) if s.type in wanted), -1)
        if index < 0:
            index = next((i for i, s in enumerate(writers_schema.schemas)
                          if avro.io.validate(s, datum)), -1)
        if index < 0:
            raise avro.errors.AvroTypeException(writers_schema, datum)
        encoder.write_long(index)
        self.write_data(writers_schema.schemas[index], datum, encoder)


class WireError(ValueError):
    """A value that is not the record it should be: wrong marker, unknown fingerprint, bad body."""


class Codec:
    """Encodes and decodes one record type, as the Java serdes do."""

    def __init__(self, schema: avro.schema.Schema, published_fingerprint: int):
        self.schema = schema
        self.name = schema.name
        self.fingerprint = crc64_avro(schema.canonical_form.encode("utf-8"))
        if self.fingerprint != published_fingerprint:
            raise WireError(
                "schema %s: fingerprint 0x%016x computed here differs from 0x%016x published by "
                "StreamTune; the package's schemas are stale (streamtune schemas --export)"
                % (self.name, self.fingerprint, published_fingerprint))
        self.header = MARKER + self.fingerprint.to_bytes(8, "little")
        self._writer = _DatumWriter(schema)
        self._reader = avro.io.DatumReader(schema, schema)

    def encode(self, record: dict) -> bytes:
        out = io.BytesIO()
        out.write(self.header)
        self._writer.write(record, avro.io.BinaryEncoder(out))
        return out.getvalue()

    def decode(self, value: bytes) -> dict:
        if value is None:
            raise WireError("a tombstone (no value) is not a %s" % self.name)
        if len(value) < 10 or value[:2] != MARKER:
            raise WireError("not an Avro single-object record for %s" % self.name)
        fp = int.from_bytes(value[2:10], "little")
        if fp != self.fingerprint:
            raise WireError("unknown schema fingerprint 0x%016x for %s (this client knows 0x%016x)"
                            % (fp, self.name, self.fingerprint))
        try:
            return self._reader.read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
        except Exception as e:  # the avro library raises several unrelated types
            raise WireError("%s body does not decode: %s" % (self.name, e)) from e


def _load():
    base = resources.files("streamtune") / "schemas"
    index = json.loads((base / "index.json").read_text(encoding="utf-8"))
    codecs = {}
    for entry in index["records"]:
        schema = avro.schema.parse((base / entry["schema"]).read_text(encoding="utf-8"))
        codecs[entry["topic"]] = Codec(schema, int(entry["fingerprint"], 16))
    return index["protocol_version"], codecs


PROTOCOL_VERSION, CODECS = _load()


def murmur2(data: bytes) -> int:
    """Kafka's murmur2 (as org.apache.kafka.common.utils.Utils.murmur2), a signed 32-bit int."""
    length = len(data)
    seed = 0x9747B28C
    m = 0x5BD1E995
    r = 24
    h = (seed ^ length) & 0xFFFFFFFF
    for i in range(length // 4):
        k = int.from_bytes(data[4 * i:4 * i + 4], "little")
        k = (k * m) & 0xFFFFFFFF
        k ^= k >> r
        k = (k * m) & 0xFFFFFFFF
        h = (h * m) & 0xFFFFFFFF
        h ^= k
    rest = length % 4
    tail = length & ~3
    if rest == 3:
        h ^= data[tail + 2] << 16
    if rest >= 2:
        h ^= data[tail + 1] << 8
    if rest >= 1:
        h ^= data[tail]
        h = (h * m) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * m) & 0xFFFFFFFF
    h ^= h >> 15
    return h - (1 << 32) if h & 0x80000000 else h


def study_partition(study_id: str, partitions: int) -> int:
    """Where a study's records go when a request names no partition: as Java's default
    partitioner places a record keyed by the study id."""
    return (murmur2(study_id.encode("utf-8")) & 0x7FFFFFFF) % partitions


def finite(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
