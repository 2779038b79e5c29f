"""Several runs of one question: grids over config keys and a config over k seeds."""
