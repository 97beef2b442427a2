"""Every text a person reads, in Russian, one module per feature.

Code never builds user-facing sentences elsewhere: handlers and services call these.
"""
