"""MentorDesk: run a small mentoring scheme from one laptop, offline."""

__version__ = "0.1.0"
APP_NAME = "MentorDesk"
APP_ID = "org.mentordesk.MentorDesk"
