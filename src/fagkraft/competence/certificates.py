"""Course certificates: which files are accepted, and where and under what name they live.

A certificate is untrusted input from any employee. It is accepted only when its first
bytes say PDF, JPEG or PNG *and* its file name ends the same way (a PDF named .png is
refused, so is a script named .pdf), and only up to CERTIFICATE_MAX_MB. It is stored
under MEDIA_ROOT with a random name (the uploader's file name is kept only as text in
the database and never used as a path), and it has no URL of its own: the only way out
is the certificate view, which asks the access policy first.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from fagkraft.core.conf import setting


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str
    suffixes: tuple[str, ...]
    magic: tuple[bytes, ...]


KINDS = (
    Kind("application/pdf", "pdf", (".pdf",), (b"%PDF-",)),
    Kind("image/jpeg", "jpg", (".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    Kind("image/png", "png", (".png",), (b"\x89PNG\r\n\x1a\n",)),
)
CONTENT_TYPES = {kind.content_type: kind for kind in KINDS}
# Enough to read every signature above.
HEAD_BYTES = 16


def max_bytes() -> int:
    return int(float(setting("CERTIFICATE_MAX_MB")) * 1024 * 1024)


def kind_of_content(head: bytes) -> Kind | None:
    """The kind the file's first bytes say it is, or None."""
    return next((kind for kind in KINDS if head.startswith(kind.magic)), None)


def check(upload: UploadedFile) -> Kind:
    """The certificate's kind, or a ValidationError in words the uploader understands."""
    name = (upload.name or "").lower()
    by_name = next((kind for kind in KINDS if name.endswith(kind.suffixes)), None)
    if by_name is None:
        raise ValidationError(_("The certificate must be a PDF, JPEG or PNG file."))
    limit = max_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The certificate is larger than %(limit)s MB.")
            % {"limit": number_format(float(setting("CERTIFICATE_MAX_MB")))})
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if kind_of_content(head) != by_name:
        raise ValidationError(_("The file's content is not a %(kind)s file, whatever its "
                                "name says.") % {"kind": by_name.extension.upper()})
    return by_name


def stored_name(kind: Kind) -> str:
    """A random path under MEDIA_ROOT: nothing about the person or the uploaded name."""
    return f"certificates/{secrets.token_hex(16)}.{kind.extension}"
