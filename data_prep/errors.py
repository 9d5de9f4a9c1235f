"""The one exception type that means "the user asked for something wrong"."""


class UserError(Exception):
  """Bad input from the command line or a config: printed as one line, exit code 2."""
