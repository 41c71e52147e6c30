import matplotlib
from matplotlib import cm

viridis = matplotlib.colormaps["viridis"]
same = cm.get_cmap(viridis)
