"""What every reference script of `movierec bench` shares: the user x item matrix read from a
competition-layout train_ratings.csv, and the process's peak RSS."""
import numpy as np
import scipy.sparse as sp


def read_pairs(path):
    """The (user, item) columns of train_ratings.csv (user,item,time with a header)."""
    return np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1), dtype=np.int64)


def interaction_matrix(pairs, dtype=np.float32):
    """Users x items with a 1 per watched pair; ids renumbered densely in sorted order, as movierec does."""
    _, users = np.unique(pairs[:, 0], return_inverse=True)
    _, items = np.unique(pairs[:, 1], return_inverse=True)
    return sp.csr_matrix((np.ones(len(pairs), dtype=dtype), (users, items)), shape=(users.max() + 1, items.max() + 1))


def read_interactions(path, dtype=np.float32):
    return interaction_matrix(read_pairs(path), dtype)


def peak_rss_mb():
    # VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over from the process that spawned this one
    # (the JVM), so it would report the JVM's peak.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return -1
