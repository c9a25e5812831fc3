"""Maximum-weight matching in a general graph (Edmonds' blossom algorithm, primal-dual, O(n^3)).

Peer programmes pair people within one pool, so the graph is not bipartite and
``linear_sum_assignment`` does not apply: an assignment of a symmetric matrix
is a cycle cover, and an odd cycle cannot be split into pairs without loss.
An integer programme (scipy's ``milp``) is exact too but branches badly on the
half-integral vertices of the matching polytope (seconds at 50 people, minutes
at 150), so this module implements the blossom algorithm itself, for a dense
graph held as a weight matrix, with integer weights so every dual update is
exact. The formulation follows Galil's survey ("Efficient algorithms for finding
maximum matching in graphs", ACM Computing Surveys 18, 1986): vertices 1..n,
blossoms n+1..2n, duals ``label`` kept doubled so that they stay integers.

Tests check it against brute force on small graphs and against a bipartite
solver on bipartite ones.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

_UNLABELED, _EVEN, _ODD = -1, 0, 1


class _Graph:
    """State of one run. Index 0 means "none"; vertices are 1..n and blossoms n+1..2n."""

    def __init__(self, weights: Sequence[Sequence[int]]) -> None:
        n = len(weights)
        size = 2 * n + 1
        self.n = n
        self.count = n  # vertices plus blossoms in use
        # For top-level nodes x, y: (eu, ev) is the real edge between them with the least slack, ew its weight.
        self.eu = [[0] * size for _ in range(size)]
        self.ev = [[0] * size for _ in range(size)]
        self.ew = [[0] * size for _ in range(size)]
        for i in range(n):
            row = weights[i]
            for j in range(n):
                if i != j and row[j] > 0:
                    self.eu[i + 1][j + 1] = i + 1
                    self.ev[i + 1][j + 1] = j + 1
                    self.ew[i + 1][j + 1] = 2 * int(row[j])  # doubled: the dual steps below halve slacks
        self.mate = [0] * size  # mate[x]: the vertex at the other end of x's matched edge
        self.slack = [0] * size  # slack[x]: a vertex u whose edge to x has the least slack
        self.top = list(range(size))  # top[x]: the outermost blossom containing x
        self.parent = [0] * size  # the vertex a T-node was reached from
        self.side = [_UNLABELED] * size
        self.seen = [0] * size
        self.stamp = 0
        self.members: list[list[int]] = [[] for _ in range(size)]  # a blossom's children, base first
        # entry[b][v]: the child of blossom b that contains vertex v.
        self.entry = [[0] * (n + 1) for _ in range(size)]
        for v in range(1, n + 1):
            self.entry[v][v] = v
        top_weight = max((self.ew[i][j] for i in range(1, n + 1) for j in range(1, n + 1)), default=0)
        self.label = [0] * size
        for v in range(1, n + 1):
            self.label[v] = top_weight // 2  # feasible duals: u(i) + u(j) >= w(i, j) for every edge
        self.queue: deque[int] = deque()

    # -- helpers -----------------------------------------------------------------------------------
    def delta(self, x: int, y: int) -> int:
        """Twice the slack of the edge between top-level nodes x and y (zero: tight)."""
        u, v = self.eu[x][y], self.ev[x][y]
        return self.label[u] + self.label[v] - self.ew[x][y]

    def offer_slack(self, u: int, x: int) -> None:
        if not self.slack[x] or self.delta(u, x) < self.delta(self.slack[x], x):
            self.slack[x] = u

    def reset_slack(self, x: int) -> None:
        self.slack[x] = 0
        for u in range(1, self.n + 1):
            if self.ew[u][x] > 0 and self.top[u] != x and self.side[self.top[u]] == _EVEN:
                self.offer_slack(u, x)

    def enqueue(self, x: int) -> None:
        if x <= self.n:
            self.queue.append(x)
        else:
            for child in self.members[x]:
                self.enqueue(child)

    def set_top(self, x: int, b: int) -> None:
        self.top[x] = b
        if x > self.n:
            for child in self.members[x]:
                self.set_top(child, b)

    def even_position(self, b: int, child: int) -> int:
        """Index of ``child`` in blossom b, after reorienting the cycle so that the index is even."""
        members = self.members[b]
        position = members.index(child)
        if position % 2 == 1:
            members[1:] = members[1:][::-1]
            return len(members) - position
        return position

    def rematch(self, u: int, v: int) -> None:
        """Match top-level node u across the edge to v, rotating u's blossom so the new base is right."""
        self.mate[u] = self.ev[u][v]
        if u <= self.n:
            return
        xr = self.entry[u][self.eu[u][v]]
        position = self.even_position(u, xr)
        members = self.members[u]
        for i in range(position):
            self.rematch(members[i], members[i ^ 1])
        self.rematch(xr, v)
        self.members[u] = members[position:] + members[:position]

    def augment(self, u: int, v: int) -> None:
        while True:
            next_v = self.top[self.mate[u]]
            self.rematch(u, v)
            if not next_v:
                return
            self.rematch(next_v, self.top[self.parent[next_v]])
            u, v = self.top[self.parent[next_v]], next_v

    def common_ancestor(self, u: int, v: int) -> int:
        self.stamp += 1
        while u or v:
            if u:
                if self.seen[u] == self.stamp:
                    return u
                self.seen[u] = self.stamp
                u = self.top[self.mate[u]]
                if u:
                    u = self.top[self.parent[u]]
            u, v = v, u
        return 0

    # -- blossoms ----------------------------------------------------------------------------------
    def add_blossom(self, u: int, base: int, v: int) -> None:
        b = self.n + 1
        while b <= self.count and self.top[b]:
            b += 1
        if b > self.count:
            self.count += 1
        self.label[b] = 0
        self.side[b] = _EVEN
        self.mate[b] = self.mate[base]
        cycle = [base]
        x = u
        while x != base:
            y = self.top[self.mate[x]]
            cycle += [x, y]
            self.enqueue(y)
            x = self.top[self.parent[y]]
        cycle[1:] = cycle[1:][::-1]
        x = v
        while x != base:
            y = self.top[self.mate[x]]
            cycle += [x, y]
            self.enqueue(y)
            x = self.top[self.parent[y]]
        self.members[b] = cycle
        self.set_top(b, b)
        for x in range(1, self.count + 1):
            self.ew[b][x] = self.ew[x][b] = 0
        for x in range(1, self.n + 1):
            self.entry[b][x] = 0
        for child in cycle:
            for x in range(1, self.count + 1):
                if self.ew[child][x] and (self.ew[b][x] == 0 or self.delta(child, x) < self.delta(b, x)):
                    self.eu[b][x], self.ev[b][x], self.ew[b][x] = (
                        self.eu[child][x],
                        self.ev[child][x],
                        self.ew[child][x],
                    )
                    self.eu[x][b], self.ev[x][b], self.ew[x][b] = (
                        self.eu[x][child],
                        self.ev[x][child],
                        self.ew[x][child],
                    )
            for x in range(1, self.n + 1):
                if self.entry[child][x]:
                    self.entry[b][x] = child
        self.reset_slack(b)

    def expand_blossom(self, b: int) -> None:
        """Dissolve an odd (T) blossom whose dual reached zero, relabelling the path through it."""
        for child in self.members[b]:
            self.set_top(child, child)
        xr = self.entry[b][self.eu[b][self.parent[b]]]
        position = self.even_position(b, xr)
        members = self.members[b]
        for i in range(0, position, 2):
            xs, xns = members[i], members[i + 1]
            self.parent[xs] = self.eu[xns][xs]
            self.side[xs] = _ODD
            self.side[xns] = _EVEN
            self.slack[xs] = 0
            self.reset_slack(xns)
            self.enqueue(xns)
        self.side[xr] = _ODD
        self.parent[xr] = self.parent[b]
        for i in range(position + 1, len(members)):
            xs = members[i]
            self.side[xs] = _UNLABELED
            self.reset_slack(xs)
        self.top[b] = 0

    def found_edge(self, x: int, y: int) -> bool:
        """A tight edge between top-level x and y; True when it completed an augmenting path."""
        u, v = self.top[self.eu[x][y]], self.top[self.ev[x][y]]
        if self.side[v] == _UNLABELED:
            self.parent[v] = self.eu[x][y]
            self.side[v] = _ODD
            nu = self.top[self.mate[v]]
            self.slack[v] = self.slack[nu] = 0
            self.side[nu] = _EVEN
            self.enqueue(nu)
        elif self.side[v] == _EVEN:
            base = self.common_ancestor(u, v)
            if not base:
                self.augment(u, v)
                self.augment(v, u)
                return True
            self.add_blossom(u, base, v)
        return False

    # -- one stage ---------------------------------------------------------------------------------
    def stage(self) -> bool:
        """Grow alternating trees until one augmentation; False when no augmentation improves the weight."""
        n = self.n
        for x in range(1, self.count + 1):
            self.side[x] = _UNLABELED
            self.slack[x] = 0
        self.queue.clear()
        for x in range(1, self.count + 1):
            if self.top[x] == x and not self.mate[x]:
                self.parent[x] = 0
                self.side[x] = _EVEN
                self.enqueue(x)
        if not self.queue:
            return False
        while True:
            while self.queue:
                u = self.queue.popleft()
                if self.side[self.top[u]] == _ODD:
                    continue
                ew_u, top = self.ew[u], self.top
                for v in range(1, n + 1):
                    if ew_u[v] > 0 and top[u] != top[v]:
                        if self.delta(u, v) == 0:
                            if self.found_edge(u, v):
                                return True
                        else:
                            self.offer_slack(u, top[v])
            step = None
            for b in range(n + 1, self.count + 1):
                if self.top[b] == b and self.side[b] == _ODD:
                    step = _least(step, self.label[b] // 2)
            for x in range(1, self.count + 1):
                if self.top[x] == x and self.slack[x]:
                    if self.side[x] == _UNLABELED:
                        step = _least(step, self.delta(self.slack[x], x))
                    elif self.side[x] == _EVEN:
                        step = _least(step, self.delta(self.slack[x], x) // 2)
            if step is None:
                return False  # nothing left to tighten: every free vertex's dual can drop to zero
            for u in range(1, n + 1):
                side = self.side[self.top[u]]
                if side == _EVEN:
                    if self.label[u] <= step:
                        return False  # a free vertex's dual reached zero: the matching is optimal
                    self.label[u] -= step
                elif side == _ODD:
                    self.label[u] += step
            for b in range(n + 1, self.count + 1):
                if self.top[b] == b:
                    if self.side[b] == _EVEN:
                        self.label[b] += 2 * step
                    elif self.side[b] == _ODD:
                        self.label[b] -= 2 * step
            self.queue.clear()
            for x in range(1, self.count + 1):
                if (
                    self.top[x] == x
                    and self.slack[x]
                    and self.top[self.slack[x]] != x
                    and self.delta(self.slack[x], x) == 0
                    and self.found_edge(self.slack[x], x)
                ):
                    return True
            for b in range(n + 1, self.count + 1):
                if self.top[b] == b and self.side[b] == _ODD and self.label[b] == 0:
                    self.expand_blossom(b)


def _least(current: int | None, value: int) -> int:
    return value if current is None or value < current else current


def max_weight_matching(weights: Sequence[Sequence[int]]) -> list[int]:
    """``mate`` for a symmetric matrix of non-negative integer weights (0: no edge); -1 when single.

    Maximises the total weight; a vertex stays single when pairing it would lower it.
    For a maximum-cardinality matching of greatest weight, add a large constant to every edge.
    """
    n = len(weights)
    for i in range(n):
        for j in range(i + 1, n):
            if weights[i][j] != weights[j][i]:
                raise ValueError("the weight matrix must be symmetric")
            if weights[i][j] < 0:
                raise ValueError("weights must not be negative")
    if n < 2:
        return [-1] * n
    graph = _Graph(weights)
    while graph.stage():
        pass
    return [graph.mate[v] - 1 if graph.mate[v] else -1 for v in range(1, n + 1)]
