items = []
items.append(3)
frames = [1]
frames.append(frames)
