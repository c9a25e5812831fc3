"""The Events area: training sessions, group sessions and celebrations, with invitees and registers."""
