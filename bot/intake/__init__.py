"""Events taken in durably: stored before the messenger hears «ok», handled by workers."""
