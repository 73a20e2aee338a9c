%% args
show --answer example-every-type ex-multiple
%% stdout
[example-every-type ex-multiple | people PPL-8 | multiple]
Which *two* items belong in a communications management plan?

  a) Who needs which information, and how often.
  b) The methods or technologies used to convey information.
  c) The detailed activity durations of the schedule.
  d) The approved cost baseline.

Choose two.

Answer: a b

  a) right: Stakeholder information needs and frequency are the core of the
            plan.
  b) right: The plan names the channels: meetings, reports, dashboards, chat.
  c) wrong: Durations belong in the schedule, not in the communications plan.
  d) wrong: The cost baseline is part of cost planning, not communications
            planning.

A communications management plan answers who needs what, when, how, and from
whom.

Reference: PMBOK Guide 7th ed., Stakeholder performance domain

