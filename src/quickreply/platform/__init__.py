"""OS adapters implementing the ports in quickreply.core.ports."""
