"""What services.forms offers other areas (read by lazy_loader at run time and by mypy)."""

from .printing import (
    FormError as FormError,
    print_form as print_form,
)
