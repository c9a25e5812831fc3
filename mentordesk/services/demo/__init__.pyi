"""What services.demo offers other areas (read by lazy_loader at run time and by mypy)."""

from .programme import (
    has_data as has_data,
    main_programme_id as main_programme_id,
    seed_demo as seed_demo,
)
