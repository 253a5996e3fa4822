// The payouts area's words (i18n/area-messages.ts): Bahasa Indonesia first, English with the same keys.
import type { AreaMessages } from '../i18n/area-messages';

const indonesian = {
  jaring: {
    menu: { payout_batches: 'Batch pembayaran', payout_ledger: 'Buku besar pembayaran' },
    payouts: {
      title: 'Batch pembayaran',
      empty:
        'Belum ada batch pembayaran. Buat batch setelah klaim disetujui: semua klaim yang disetujui dan belum dibayar masuk ke dalamnya.',
      create: 'Buat batch pembayaran',
      back: 'Kembali ke batch pembayaran',
      reference: 'Batch %{reference}',
      control_total: 'Total kendali: %{smart_count} baris, %{amount} |||| Total kendali: %{smart_count} baris, %{amount}',
      counts: 'Dibayar %{paid}, gagal %{failed}, menunggu bank %{pending}, dikembalikan bank %{returned}',
      statuses: { OPEN: 'Menunggu jawaban bank', SETTLED: 'Selesai' },
      line_statuses: { PENDING: 'Menunggu bank', PAID: 'Dibayar', FAILED: 'Gagal', RETURNED: 'Dikembalikan bank' },
      four_eyes: 'Anda membuat batch ini: hasil bank diimpor oleh petugas keuangan lain (empat mata).',
      trail: {
        title: 'Catatan batch',
        at: 'Waktu',
        actor: 'Oleh',
        action: 'Peristiwa',
        actions: { BATCH_CREATED: 'Batch dibuat', FILE_DOWNLOADED: 'Berkas bank diunduh', RESULTS_IMPORTED: 'Hasil bank diimpor' },
      },
      lines: {
        line_no: 'No.',
        claim: 'Klaim',
        amount: 'Jumlah',
        late_penalty: 'Denda keterlambatan',
        status: 'Status',
        failure: 'Alasan bank',
      },
      bank_file: {
        download: 'Unduh berkas bank (CSV)',
        upload: 'Unggah hasil bank (CSV)',
        upload_help:
          'Berkas hasil dari bank: kolom line_id,status,reason,bank_reference; status PAID, FAILED (dengan alasan) atau RETURNED (dengan alasan, untuk baris yang sudah dibayar).',
        imported: 'Hasil bank diterapkan: %{applied} baris baru, %{unchanged} sudah tercatat sebelumnya.',
      },
      ledger: {
        title: 'Buku besar pembayaran',
        intro:
          'Setiap batch memindahkan uang dari dana klaim ke cadangan transfer; jawaban bank memindahkannya ke penerima atau kembali ke dana, dan dana yang dikembalikan bank kembali dari penerima ke dana klaim.',
        account: 'Akun',
        debits: 'Debit',
        credits: 'Kredit',
        balance: 'Saldo',
        balanced: 'Seimbang: saldo semua akun berjumlah nol.',
        unbalanced: 'Tidak seimbang: saldo semua akun tidak berjumlah nol. Laporkan kepada tim teknis.',
        empty: 'Belum ada gerakan. Buku besar terisi ketika batch pembayaran pertama dibuat.',
        accounts: {
          'claims-fund': 'Dana klaim',
          'payouts-reserved': 'Dicadangkan untuk transfer',
          'claimants-paid': 'Dibayarkan kepada penerima',
        },
      },
    },
  },
  resources: {
    'payout-batches': {
      name: 'Batch pembayaran |||| Batch pembayaran',
      fields: {
        reference: 'Batch',
        createdAt: 'Dibuat pada',
        status: 'Status',
        lineCount: 'Baris',
        total: 'Jumlah',
        lines: 'Jawaban bank',
      },
    },
  },
};

const english: typeof indonesian = {
  jaring: {
    menu: { payout_batches: 'Payout batches', payout_ledger: 'Payout ledger' },
    payouts: {
      title: 'Payout batches',
      empty: 'No payout batches yet. Make one once claims are approved: every approved claim not yet paid goes into it.',
      create: 'Make a payout batch',
      back: 'Back to the payout batches',
      reference: 'Batch %{reference}',
      control_total: 'Control total: %{smart_count} line, %{amount} |||| Control total: %{smart_count} lines, %{amount}',
      counts: 'Paid %{paid}, failed %{failed}, awaiting the bank %{pending}, returned by the bank %{returned}',
      statuses: { OPEN: "Awaiting the bank's answer", SETTLED: 'Settled' },
      line_statuses: { PENDING: 'Awaiting the bank', PAID: 'Paid', FAILED: 'Failed', RETURNED: 'Returned by the bank' },
      four_eyes: "You made this batch: another finance officer imports the bank's results (four eyes).",
      trail: {
        title: "The batch's record",
        at: 'When',
        actor: 'By',
        action: 'What',
        actions: { BATCH_CREATED: 'Batch made', FILE_DOWNLOADED: 'Bank file downloaded', RESULTS_IMPORTED: "Bank's results imported" },
      },
      lines: {
        line_no: 'No.',
        claim: 'Claim',
        amount: 'Amount',
        late_penalty: 'Late penalty',
        status: 'Status',
        failure: "The bank's reason",
      },
      bank_file: {
        download: 'Download the bank file (CSV)',
        upload: "Upload the bank's results (CSV)",
        upload_help:
          "The bank's results file: columns line_id,status,reason,bank_reference; status PAID, FAILED (with a reason) or RETURNED (with a reason, for a line paid before).",
        imported: "The bank's results are applied: %{applied} new lines, %{unchanged} recorded before.",
      },
      ledger: {
        title: 'Payout ledger',
        intro:
          "Each batch moves money from the claims fund into the transfers' reserve; the bank's answer moves it on to the claimant or back to the fund, and a transfer the bank returns moves from the claimant back to the fund.",
        account: 'Account',
        debits: 'Debits',
        credits: 'Credits',
        balance: 'Balance',
        balanced: 'Balanced: the balances of all accounts sum to zero.',
        unbalanced: 'Not balanced: the balances of all accounts do not sum to zero. Tell the technical team.',
        empty: 'No movements yet. The ledger fills when the first payout batch is made.',
        accounts: {
          'claims-fund': 'Claims fund',
          'payouts-reserved': 'Reserved for transfers',
          'claimants-paid': 'Paid to claimants',
        },
      },
    },
  },
  resources: {
    'payout-batches': {
      name: 'Payout batch |||| Payout batches',
      fields: {
        reference: 'Batch',
        createdAt: 'Made on',
        status: 'Status',
        lineCount: 'Lines',
        total: 'Amount',
        lines: "The bank's answers",
      },
    },
  },
};

export const payoutsMessages: AreaMessages<typeof indonesian> = { id: indonesian, en: english };
