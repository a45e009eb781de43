#include "report/workbook.hpp"

#include <cmath>

namespace carecast::report {

void write_header_row(Workbook& book, lxw_worksheet* sheet, lxw_row_t row,
                      const std::vector<std::pair<std::string, double>>& columns, lxw_col_t frozen_columns) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto column = static_cast<lxw_col_t>(c);
        worksheet_write_string(sheet, row, column, columns[c].first.c_str(), book.header());
        worksheet_set_column(sheet, column, column, columns[c].second, nullptr);
    }
    worksheet_freeze_panes(sheet, row + 1, frozen_columns);
}

void write_number_or_blank(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, double value, lxw_format* format) {
    if (std::isfinite(value))
        worksheet_write_number(sheet, row, column, value, format);
    else
        worksheet_write_blank(sheet, row, column, format);
}

}  // namespace carecast::report
