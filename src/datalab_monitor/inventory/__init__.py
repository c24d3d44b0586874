"""Inventory waves: the yearly questionnaire, invitations, responses and their monitoring."""
