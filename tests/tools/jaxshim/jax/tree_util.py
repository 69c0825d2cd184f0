"""jax.tree_util for the shim: lists, tuples, dicts (keys sorted, as JAX flattens them) and None."""


def tree_leaves(tree):
    if tree is None:
        return []
    if isinstance(tree, dict):
        return [leaf for k in sorted(tree) for leaf in tree_leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [leaf for v in tree for leaf in tree_leaves(v)]
    return [tree]


def tree_map(f, tree, *rest):
    if isinstance(tree, dict):
        return {k: tree_map(f, tree[k], *[r[k] for r in rest]) for k in tree}
    if isinstance(tree, (list, tuple)):
        parts = [tree_map(f, tree[i], *[r[i] for r in rest]) for i in range(len(tree))]
        return tuple(parts) if isinstance(tree, tuple) else parts
    return None if tree is None else f(tree, *rest)
