import type { Channel } from "../api/serviceTypes";
import { DataTable } from "../components/DataTable";
import { channelLabel } from "../dossiers/labels";
import { feeText, timeLimitText } from "../dossiers/procedureText";
import { useI18n } from "../i18n/I18nProvider";

// How the procedure can be submitted, each way with its time limit and fee.
export function ChannelsTable({ channels, labelledBy }: { channels: readonly Channel[]; labelledBy: string }) {
  const { t } = useI18n();
  return (
    <DataTable labelledBy={labelledBy} testId="channels" columns={[t.colChannel, t.colTimeLimit, t.colFee]}>
      {channels.map((c) => (
        <tr key={c.kind}>
          <th scope="row">{channelLabel(t, c.kind)}</th>
          <td>{timeLimitText(t, c.time_limit)}</td>
          <td>
            {feeText(t, c.fee_vnd)}
            {c.fee_note !== undefined && c.fee_note !== "" && (
              <span class="details__note" lang="vi">
                {c.fee_note}
              </span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
