import type { Channel } from "../api/serviceTypes";
import { DataTable } from "../components/DataTable";
import { channelLabel } from "../dossiers/labels";
import { feeText, timeLimitText } from "../dossiers/procedureText";
import { useI18n } from "../i18n/I18nProvider";

// How the procedure can be submitted, each way with its time limit and fee in force today.
export function ChannelsTable({ channels, labelledBy }: { channels: readonly Channel[]; labelledBy: string }) {
  const { t } = useI18n();
  return (
    <DataTable labelledBy={labelledBy} testId="channels" columns={[t.colChannel, t.colTimeLimit, t.colFee]}>
      {channels.map((c) => (
        <tr key={c.kind}>
          <th scope="row">{channelLabel(t, c.kind)}</th>
          <td>{timeLimitText(t, c.in_force.time_limit)}</td>
          <td>
            {feeText(t, c.in_force.fee_vnd)}
            {c.in_force.fee_note !== "" && (
              <span class="details__note" lang="vi">
                {c.in_force.fee_note}
              </span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
