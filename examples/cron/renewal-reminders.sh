#!/bin/sh
# Daily renewal job for cron: auto-renewals first, then the reminders that came due.
# Prints nothing (and cron mails nothing) on a quiet day. Exit status is acm's: a failing
# run (workspace locked for too long, missing rate, …) makes cron mail the error line.
set -eu
rolled=$(acm renewal roll)
reminders=$(acm renewal remind)
if [ -n "$rolled" ]; then
    printf 'Renewed automatically:\n%s\n\n' "$rolled"
fi
if [ -n "$reminders" ]; then
    printf 'Notice deadlines coming up:\n%s\n' "$reminders"
fi
