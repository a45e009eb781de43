#pragma once
// Fixture for tools/check_layers.sh: a header of a higher layer.
struct Model {};
