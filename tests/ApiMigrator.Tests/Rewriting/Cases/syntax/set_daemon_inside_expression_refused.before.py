import threading

t = threading.Thread(target=poll)
ok = t.setDaemon(True) or True
