"""Checks that netCDF files hold bit-identical results: every dimension, coordinate and variable (values
and dtype), and every global attribute except those that describe how the run was launched.

Usage: compare_runs.py REFERENCE.nc OTHER.nc...   (exit 1 and a message on the first difference)
"""
import sys

import netCDF4
import numpy as np

# Attributes allowed to differ between a single run, a batch, MPI ranks and merged shards.
LAUNCH_ATTRIBUTES = {"command_line", "history", "threads", "scenario_path", "host", "merged_from"}


def load(path):
    with netCDF4.Dataset(path) as ds:
        ds.set_auto_mask(False)
        dims = {name: len(dim) for name, dim in ds.dimensions.items()}
        variables = {name: (var.dimensions, var.dtype, np.array(var[...]),
                            {a: var.getncattr(a) for a in var.ncattrs()}) for name, var in ds.variables.items()}
        attributes = {a: ds.getncattr(a) for a in ds.ncattrs()}
    return dims, variables, attributes


def compare(reference_path, other_path):
    ref_dims, ref_vars, ref_attrs = load(reference_path)
    dims, variables, attrs = load(other_path)
    where = f"{other_path} vs {reference_path}"
    if dims != ref_dims:
        sys.exit(f"FAIL {where}: dimensions differ: {dims} vs {ref_dims}")
    if list(variables) != list(ref_vars):
        sys.exit(f"FAIL {where}: variables differ: {list(variables)} vs {list(ref_vars)}")
    for name, (ref_dims_of, ref_dtype, ref_values, ref_var_attrs) in ref_vars.items():
        dims_of, dtype, values, var_attrs = variables[name]
        if dims_of != ref_dims_of or dtype != ref_dtype:
            sys.exit(f"FAIL {where}: {name} has dimensions/dtype {dims_of}/{dtype}, not {ref_dims_of}/{ref_dtype}")
        same = (values.tobytes() == ref_values.tobytes()) if values.dtype != object else np.array_equal(values, ref_values)
        if not same:
            sys.exit(f"FAIL {where}: values of {name} differ")
        if var_attrs != ref_var_attrs:
            sys.exit(f"FAIL {where}: attributes of {name} differ")
    for name in set(ref_attrs) | set(attrs):
        if name in LAUNCH_ATTRIBUTES:
            continue
        if attrs.get(name) != ref_attrs.get(name):
            sys.exit(f"FAIL {where}: global attribute {name}: {attrs.get(name)!r} vs {ref_attrs.get(name)!r}")
    print(f"identical: {other_path} == {reference_path} (results_digest {attrs['results_digest']})")


reference, *others = sys.argv[1:]
if not others:
    sys.exit("usage: compare_runs.py REFERENCE.nc OTHER.nc...")
for other in others:
    compare(reference, other)
