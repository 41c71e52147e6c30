import mylib

mylib.schedule(freq="H")
