"""Schemathesis hooks for the HTTP service (scripts/test): the batch
endpoints take NDJSON (and the population run CSV), which Schemathesis
has no serializer for; a
generated body (a string, as the document declares it) is sent as is,
in UTF-8."""

import schemathesis


@schemathesis.serializer("application/x-ndjson", "text/csv")
def ndjson(ctx, value):
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass")
