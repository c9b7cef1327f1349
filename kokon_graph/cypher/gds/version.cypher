// GDS engine: the version of the Graph Data Science library; fails on a server without it.
//
// @returns version
RETURN gds.version() AS version
