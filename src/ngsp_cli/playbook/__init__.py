"""The Next Gen method as data: phases, steps and indicators loaded from playbooks/."""
