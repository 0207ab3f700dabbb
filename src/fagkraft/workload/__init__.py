"""Staffing need from workload (WHO WISN) with task-sharing scenarios."""
