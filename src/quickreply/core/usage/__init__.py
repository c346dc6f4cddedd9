"""Usage: what the agent used and the time it saved, for the agent (the search learns from it, the 统计
window) and, opt-in, for the team lead. Counts only: no chat text, no buyer data, no typed values.

The face: `counts.Usage` (usage.json: counts and last use per phrase, recent placeholder values, the
phrase picked per query, the pinned phrases); `stats.append_event`, `stats.read_events` and
`stats.summarize` (one line per pick in usage_log.jsonl, summed per phrase and category; time saved by
the keystroke model); `period` (the periods the 统计 window offers); `team` (each agent's summary in the
team folder, the lead's report); `team_http` (the same summaries over HTTP: PUT by the app, GET by
`quickreply usage --team URL`). Like the other packages, this `__init__` imports nothing: each module
loads on first use.
"""
