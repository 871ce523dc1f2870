-- An agent's App Home lists their active issues (IssueStore.findActiveOfAgent): found by agent, not by
-- reading every active issue (bench/: the scheduler at 100,000 open issues).
create index issues_agent_state on issues (agent_id, agent_tenant, state);
