#pragma once
// Checks shared by the tests of the schema's field options (scenario files and batch files).
#include <catch2/catch.hpp>

#include <google/protobuf/descriptor.h>

#include "carecast/options.pb.h"

namespace carecast::test {

/// Checks that a number field has a unit, and a range (min and max) or a range_note saying why not.
inline void check_unit_and_range(const google::protobuf::FieldDescriptor& f) {
    const auto& o = f.options();
    INFO(f.full_name());
    CHECK(o.GetExtension(carecast::unit) != UNIT_UNSPECIFIED);
    const bool range = o.HasExtension(carecast::min) && o.HasExtension(carecast::max);
    CHECK((range || o.HasExtension(carecast::range_note)));
}

}  // namespace carecast::test
