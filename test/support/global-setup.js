// Runs once before the workers start: the scripts run in Europe/Paris, like the Apps Script project.
module.exports = async () => {
  process.env.TZ = 'Europe/Paris';
};
