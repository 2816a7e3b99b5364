"""The ``kb`` command and the tools of contributors and maintainers: validate, scaffold, safe build, schema
export, field reference, benchmark, Lighthouse, and the static file server the tests and benchmark use."""
