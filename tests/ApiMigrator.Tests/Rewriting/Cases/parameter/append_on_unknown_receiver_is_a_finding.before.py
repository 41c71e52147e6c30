import pandas as pd


def extend(frame, rows):
    return frame.append(rows)
