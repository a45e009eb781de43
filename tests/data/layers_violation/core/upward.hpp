#pragma once
// Fixture for tools/check_layers.sh: core may not include sim (a higher layer).
#include "sim/model.hpp"
