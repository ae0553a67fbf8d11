window.labyrintSearch.load("t-s",{"se":"GxS","sig":"G7H er","sit":"A5F e","sted":"D4H","stu":"DnH","støt":"D7V te","svar":"FsE er","svær":"J6T e"});
