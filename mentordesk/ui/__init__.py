"""The Qt widgets of MentorDesk."""
