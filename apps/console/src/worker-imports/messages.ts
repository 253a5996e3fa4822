// The enrolment campaigns' words (i18n/area-messages.ts): the imports, an upload and an import's progress.
import type { AreaMessages } from '../i18n/area-messages';

const indonesian = {
  jaring: {
    menu: { worker_imports: 'Pendaftaran massal' },
    worker_imports: {
      empty:
        'Belum ada unggahan. Agen lapangan dan petugas kepesertaan mendaftarkan banyak pekerja sekaligus dengan mengunggah berkas CSV.',
      title: 'Unggahan %{date}',
      upload_button: 'Unggah CSV',
      upload: {
        title: 'Unggah berkas CSV pekerja',
        intro:
          'Satu baris untuk setiap pekerja, berkas teks UTF-8 dengan baris judul. Kolom boleh dalam urutan apa pun; setiap baris diperiksa seperti pendaftaran satu per satu.',
        columns_title: 'Kolom yang diharapkan',
        template: 'Unduh templat CSV',
        file: 'Berkas CSV',
        choose: 'Pilih berkas',
        none_chosen: 'Belum ada berkas dipilih',
        submit: 'Unggah dan daftarkan',
        sending: 'Mengunggah…',
      },
      columns: {
        nik: 'NIK, 16 digit, sesuai tanggal lahir',
        fullName: 'nama lengkap',
        birthDate: 'tanggal lahir, TTTT-BB-HH (1990-07-25)',
        phone: 'nomor ponsel (08…)',
        regionCode: 'kode kabupaten atau kota, 4 digit (5371 untuk Kota Kupang)',
        occupation: 'kode pekerjaan: %{codes}',
        declaredMonthlyIncome: 'penghasilan sebulan dalam rupiah, tanpa titik (1500000)',
        programs: 'JKK;JKM, atau JKK;JKM;JHT',
      },
      statuses: { RUNNING: 'Sedang diproses', DONE: 'Selesai', FAILED: 'Berhenti karena kesalahan' },
      progress: '%{processed} dari %{total} baris diperiksa',
      failure: 'Unggahan berhenti: %{reason}',
      errors_title: 'Baris yang ditolak',
      errors_empty: 'Tidak ada baris yang ditolak.',
      errors_running: 'Baris yang ditolak muncul di sini selama unggahan diproses.',
      download_failed: 'Unduh baris yang ditolak',
      download_hint:
        'Berkas berisi baris yang ditolak dan yang NIK-nya sudah terdaftar, seperti diunggah, dengan alasannya di kolom errors. Perbaiki nilainya, lalu unggah berkas itu lagi apa adanya: unggahan baru akan dimulai.',
      upload_fixed: 'Unggah berkas yang sudah diperbaiki',
      back: 'Kembali ke daftar unggahan',
    },
  },
  resources: {
    'worker-imports': {
      name: 'Unggahan |||| Unggahan',
      notifications: { created: 'Berkas diterima. Pekerja sedang diperiksa dan didaftarkan.' },
      fields: {
        receivedAt: 'Diterima pada',
        status: 'Status',
        total: 'Baris',
        processed: 'Diperiksa',
        enrolled: 'Terdaftar',
        duplicates: 'Sudah terdaftar',
        failed: 'Ditolak',
        finishedAt: 'Selesai pada',
      },
    },
    'worker-import-errors': {
      name: 'Baris ditolak |||| Baris ditolak',
      fields: { row: 'Baris', field: 'Kolom', reason: 'Alasan' },
    },
  },
};

export const workerImportsMessages: AreaMessages<typeof indonesian> = {
  id: indonesian,
  en: {
    jaring: {
      menu: { worker_imports: 'Enrolment campaigns' },
      worker_imports: {
        empty: 'No uploads yet. Field agents and enrolment officers register many workers at once by uploading a CSV file.',
        title: 'Upload of %{date}',
        upload_button: 'Upload CSV',
        upload: {
          title: 'Upload a CSV file of workers',
          intro:
            'One line for each worker, a UTF-8 text file with a header line. The columns may come in any order; each line is checked like a registration of one worker.',
          columns_title: 'The columns expected',
          template: 'Download a CSV template',
          file: 'CSV file',
          choose: 'Choose a file',
          none_chosen: 'No file chosen',
          submit: 'Upload and enrol',
          sending: 'Uploading…',
        },
        columns: {
          nik: 'NIK, 16 digits, matching the birth date',
          fullName: 'full name',
          birthDate: 'date of birth, YYYY-MM-DD (1990-07-25)',
          phone: 'mobile number (08…)',
          regionCode: 'regency or city code, 4 digits (5371 for Kota Kupang)',
          occupation: 'occupation code: %{codes}',
          declaredMonthlyIncome: 'monthly income in rupiah, without dots (1500000)',
          programs: 'JKK;JKM, or JKK;JKM;JHT',
        },
        statuses: { RUNNING: 'Running', DONE: 'Done', FAILED: 'Stopped by an error' },
        progress: '%{processed} of %{total} lines checked',
        failure: 'The upload stopped: %{reason}',
        errors_title: 'Refused lines',
        errors_empty: 'No line was refused.',
        errors_running: 'Refused lines appear here while the upload runs.',
        download_failed: 'Download the refused lines',
        download_hint:
          'The file holds the refused lines and those whose NIK was already registered, as uploaded, with their reasons in the errors column. Correct the values, then upload that file again as it is: a new upload starts.',
        upload_fixed: 'Upload the corrected file',
        back: 'Back to the uploads',
      },
    },
    resources: {
      'worker-imports': {
        name: 'Upload |||| Uploads',
        notifications: { created: 'File received. The workers are being checked and enrolled.' },
        fields: {
          receivedAt: 'Received on',
          status: 'Status',
          total: 'Lines',
          processed: 'Checked',
          enrolled: 'Enrolled',
          duplicates: 'Already registered',
          failed: 'Refused',
          finishedAt: 'Finished on',
        },
      },
      'worker-import-errors': {
        name: 'Refused line |||| Refused lines',
        fields: { row: 'Line', field: 'Column', reason: 'Reason' },
      },
    },
  },
};
