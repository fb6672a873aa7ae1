"""The PyTorch peer of bench/nn.js: P copies of Sohl-Dickstein's two-layer tanh network (width 16,
N points, random data; the speed does not depend on the draws) trained at once by full-batch GD
with batched float64 matmuls and per-network learning rates. Prints network-steps per second.
usage: python3 nn-torch.py N P steps threads"""
import sys, time
import torch

n_data, P, steps, threads = (int(a) for a in sys.argv[1:5])
torch.set_num_threads(threads)
n = 16
g = torch.Generator().manual_seed(0)
X = torch.randn(n_data, n, generator=g, dtype=torch.float64)
Y = torch.randn(n_data, 1, generator=g, dtype=torch.float64)
W0 = torch.randn(n, n, generator=g, dtype=torch.float64).expand(P, n, n).clone().requires_grad_(True)
W1 = torch.randn(n, 1, generator=g, dtype=torch.float64).expand(P, n, 1).clone().requires_grad_(True)
lr0 = torch.logspace(-1, 0, P, dtype=torch.float64).view(P, 1, 1)
lr1 = torch.logspace(-1, 0, P, dtype=torch.float64).view(P, 1, 1)
s = n ** 0.5
t0 = time.perf_counter()
for _ in range(steps):
    h = torch.tanh(torch.matmul(X, W0) / s * 2 ** 0.5)
    out = torch.matmul(h, W1) / s / s
    loss = ((out - Y) ** 2).mean(dim=(1, 2)).sum()
    g0, g1 = torch.autograd.grad(loss, (W0, W1))
    with torch.no_grad():
        W0 -= lr0 * g0
        W1 -= lr1 * g1
print(P * steps / (time.perf_counter() - t0))
