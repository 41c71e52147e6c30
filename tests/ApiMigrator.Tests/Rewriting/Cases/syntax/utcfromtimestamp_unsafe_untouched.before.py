from datetime import datetime

stamp = datetime.utcfromtimestamp(1700000000)
