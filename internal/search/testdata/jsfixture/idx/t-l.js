window.labyrintSearch.load("t-l",{"labyrint":"A8K","lej":"DlOEmM lighed ligheder","liv":"P6e","livssituation":"Awa","lov":"QvJ er","lyt":"PvJ ter","læg":"LtU e","løsning":"A8K ernes"});
