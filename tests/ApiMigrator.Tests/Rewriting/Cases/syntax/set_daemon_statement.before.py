import threading

t = threading.Thread(target=poll)
t.setDaemon(True)
t.start()
