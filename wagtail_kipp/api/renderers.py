"""JSON of the API's answers: times to the microsecond, so ``updated_since`` can echo them back exactly."""

from __future__ import annotations

import datetime
from typing import Any

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


class OpenDataEncoder(NinjaJSONEncoder):
    """Ninja's encoder, but a datetime keeps its microseconds (Django's encoder cuts them to milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class OpenDataRenderer(JSONRenderer):
    encoder_class = OpenDataEncoder
    json_dumps_params = {"ensure_ascii": False}
