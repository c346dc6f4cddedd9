"""QuickReply (快捷回复): quick replies for customer-service agents of Chinese online shops."""

__version__ = "0.1.0"
