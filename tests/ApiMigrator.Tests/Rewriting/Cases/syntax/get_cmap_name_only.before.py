import matplotlib
from matplotlib import cm

viridis = cm.get_cmap("viridis")
same = cm.get_cmap(viridis)
