-- Working hours an agent sets for themselves (/happy3 hours mon-fri 8:30-16), as WorkingHours.text() writes them;
-- null: the playbook's hours apply.
alter table agent_preferences add column working_hours varchar(64);
