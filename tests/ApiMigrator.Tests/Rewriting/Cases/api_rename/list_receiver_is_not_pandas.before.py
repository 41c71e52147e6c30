rows = []
for k, v in rows.iteritems():
    pass
