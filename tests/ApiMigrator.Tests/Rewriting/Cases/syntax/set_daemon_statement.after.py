import threading

t = threading.Thread(target=poll)
t.daemon = True
t.start()
